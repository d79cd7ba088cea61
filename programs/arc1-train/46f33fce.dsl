x1 = downscale_nonzero(I, 2)
O = upscale(x1, 4)
