x1 = objects_by_color(I)
x2 = argmin_by(x1, size)
O = crop_to_object(I, x2)
