x1 = split_by_lines(I)
O = grid_with_most_colors(x1)
