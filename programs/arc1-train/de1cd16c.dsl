x1 = regions_4(I)
x2 = argmax_by(x1, num_holes)
x3 = obj_color(x2)
O = color_cell(x3)
