x1 = enclosed_regions(I)
x2 = keep_if(x1, is_square)
O = recolor_objects(I, x2, 2)
