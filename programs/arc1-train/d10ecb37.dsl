O = crop(I, 0, 0, 2, 2)
