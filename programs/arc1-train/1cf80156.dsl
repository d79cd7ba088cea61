O = crop_to_content(I)
