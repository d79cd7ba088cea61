x1 = objects_4(I)
O = recolor_if(I, x1, has_holes, 8)
