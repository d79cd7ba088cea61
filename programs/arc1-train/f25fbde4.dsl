x1 = crop_to_content(I)
O = upscale(x1, 2)
