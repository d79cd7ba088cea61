O = upscale(I, 2)
