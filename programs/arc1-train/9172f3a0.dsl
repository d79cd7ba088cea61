O = upscale(I, 3)
