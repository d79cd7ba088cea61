x1 = objects_4(I)
x2 = largest(x1)
O = crop_to_object(I, x2)
