x1 = objects_4(I)
x2 = largest(x1)
x3 = crop_to_object(I, x2)
O = strip_edge(x3)
