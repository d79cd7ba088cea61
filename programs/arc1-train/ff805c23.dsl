O = masked_patch_by_symmetry(I, 1)
