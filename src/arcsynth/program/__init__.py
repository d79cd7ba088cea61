"""Programs over the DSL: the AST, type checker, interpreter with guards, text and JSON forms,
and a sampler of random well-typed programs.

    program = parse_program("x1 = rot90(I)\\nO = flip_h(x1)\\n")
    outputs = run_program_many(program, grids)   # EvaluationError when a run fails
"""

from arcsynth.program.conform import value_conforms, value_problem
from arcsynth.program.constants import CONSTANTS, NamedConstant, constants_of_type
from arcsynth.program.guard import apply_primitive, check_value
from arcsynth.program.interpreter import (CompiledProgram, as_output_grid, compile_program, run_program,
                                          run_program_many)
from arcsynth.program.json_form import program_from_json, program_to_json
from arcsynth.program.limits import DEFAULT_LIMITS, Limits
from arcsynth.program.names import INPUT_NAME, OUTPUT_NAME
from arcsynth.program.nodes import INPUT, Arg, Const, Lit, PrimRef, Program, Ref, Step
from arcsynth.program.sample import ProgramSampler, SampledCall, SampleSettings, SamplingError
from arcsynth.program.text import parse_program, print_program, step_line_numbers
from arcsynth.program.verify import PairOutcome, ProgramVerification, verify_program
from arcsynth.program.typecheck import INPUT_TYPE, OUTPUT_TYPE, StepTypeError, check_program

__all__ = [
    # nodes
    "Program", "Step", "Arg", "Ref", "Lit", "Const", "PrimRef", "INPUT",
    # vocabulary
    "CONSTANTS", "NamedConstant", "constants_of_type", "INPUT_NAME", "OUTPUT_NAME",
    # checking and running
    "check_program", "StepTypeError", "INPUT_TYPE", "OUTPUT_TYPE", "compile_program", "CompiledProgram", "run_program",
    "run_program_many", "as_output_grid", "apply_primitive", "check_value", "Limits", "DEFAULT_LIMITS",
    "value_conforms", "value_problem",
    # text and JSON forms
    "print_program", "parse_program", "step_line_numbers", "program_to_json", "program_from_json",
    # running on tasks
    "verify_program", "ProgramVerification", "PairOutcome",
    # sampling
    "ProgramSampler", "SampleSettings", "SampledCall", "SamplingError",
]
