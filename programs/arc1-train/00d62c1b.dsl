O = fill_enclosed(I, 4)
