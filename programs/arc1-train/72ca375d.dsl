x1 = objects_8(I)
x2 = keep_if(x1, obj_symmetric_h)
x3 = first_object(x2)
O = crop_to_object(I, x3)
