O = masked_patch_by_pattern(I, 0)
