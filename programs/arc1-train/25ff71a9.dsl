O = shift_grid(I, DOWN)
