O = swap_colors(I, 5, 8)
