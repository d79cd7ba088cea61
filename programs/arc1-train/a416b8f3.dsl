O = tile(I, 1, 2)
