x1 = objects_by_color(I)
x2 = count_objects(x1)
O = upscale(I, x2)
