x1 = is_symmetric_h(I)
x2 = color_cell(1)
x3 = color_cell(7)
O = branch(x1, x2, x3)
