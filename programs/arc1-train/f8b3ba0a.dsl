x1 = most_common_nonzero_color(I)
x2 = erase_color(I, x1)
x3 = nonzero_colors_by_count(x2)
O = colors_column(x3)
