O = crop(I, 0, 6, 3, 3)
