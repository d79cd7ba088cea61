x1 = multicolor_objects_except(I, 0)
x2 = argmax_by(x1, obj_accent_count)
O = crop_to_object(I, x2)
