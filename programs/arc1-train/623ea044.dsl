x1 = most_common_nonzero_color(I)
O = diagonal_lines(I, x1)
