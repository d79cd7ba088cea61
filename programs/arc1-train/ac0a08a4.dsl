x1 = objects_8(I)
x2 = count_objects(x1)
O = upscale(I, x2)
