x1 = most_common_color(I)
x2 = swap_colors(I, 0, x1)
x3 = diagonal_lines(x2, x1)
O = swap_colors(x3, 0, x1)
