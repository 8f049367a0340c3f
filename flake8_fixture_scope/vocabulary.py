"""Names with a fixed meaning for mutation, shared by the syntactic model and the analysis."""

from __future__ import annotations

from dataclasses import dataclass

CONTAINER_MUTATORS = frozenset(
    "append extend insert remove pop popitem clear update setdefault add discard sort reverse "
    "appendleft extendleft rotate difference_update intersection_update "
    "symmetric_difference_update subtract move_to_end __setitem__ __delitem__".split()
)
# Calls that only read; never reported, whatever a class's own method does.
READING_METHODS = frozenset(
    "get copy keys values items index count find startswith endswith lower upper split join "
    "format encode decode __getitem__ __contains__ __len__ __iter__".split()
)
# Functions that change their first argument in place.
ARGUMENT_MUTATORS = frozenset(
    {"random.shuffle", "heapq.heappush", "heapq.heappop", "heapq.heapify", "heapq.heapreplace",
     "heapq.heappushpop", "bisect.insort", "bisect.insort_left", "bisect.insort_right"}
)
# Copies (analysis/copies.py says what each shares): new at the top level, or all the way down.
SHALLOW_COPY_FUNCTIONS = frozenset(
    {"copy.copy", "dict", "list", "set", "frozenset", "tuple", "sorted", "bytearray"})
DEEP_COPY_FUNCTIONS = frozenset({"copy.deepcopy"})
COPY_METHODS = frozenset({"copy"})
BUILTIN_CONTAINERS = frozenset({"list", "dict", "set", "bytearray"})
CONTAINER_MAKERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"})
# Set-ups of a whole class (they build its shared state) and of each test.
CLASS_SETUPS = frozenset({"setup_class", "setUpClass", "teardown_class", "tearDownClass"})
# Where each test (or each instance of a class) gets attributes of its own.
PER_INSTANCE_SETUPS = frozenset({"setUp", "setup_method", "setup", "__init__"})


# ---------------------------------------------------------------- process-wide state
@dataclass(frozen=True)
class ProcessState:
    """A piece of process-wide state and the functions around it.

    ``changers`` change it; ``undoers`` and ``contexts`` (context managers that put it back on
    exit) only restore it; ``getters`` read it, so a changer called with a value one of them (or
    a changer, which returns the old value) returned is putting back what was there.
    """

    key: str  # how messages name the state, and what restores are matched on
    changers: frozenset[str]
    undoers: frozenset[str] = frozenset()
    getters: frozenset[str] = frozenset()
    contexts: frozenset[str] = frozenset()
    min_args: int = 1  # fewer arguments only read it (``locale.setlocale(cat)``)
    none_resets: bool = False  # ``sys.settrace(None)`` removes what a test installed


def _state(key: str, changers: str, undoers: str = "", getters: str = "", contexts: str = "",
           min_args: int = 1, none_resets: bool = False) -> ProcessState:
    return ProcessState(key, frozenset(changers.split()), frozenset(undoers.split()),
                        frozenset(getters.split()),
                        frozenset(contexts.split()), min_args, none_resets)


PROCESS_STATE: tuple[ProcessState, ...] = (
    _state("the working folder", "os.chdir os.fchdir", getters="os.getcwd os.getcwdb pathlib.Path.cwd",
           contexts="contextlib.chdir"),
    _state("os.umask()", "os.umask"),
    _state("the default socket timeout", "socket.setdefaulttimeout", getters="socket.getdefaulttimeout"),
    _state("sys.getrecursionlimit()", "sys.setrecursionlimit", getters="sys.getrecursionlimit"),
    _state("sys.getswitchinterval()", "sys.setswitchinterval", getters="sys.getswitchinterval"),
    _state("the trace function", "sys.settrace threading.settrace", getters="sys.gettrace", none_resets=True),
    _state("the profile function", "sys.setprofile threading.setprofile", getters="sys.getprofile",
           none_resets=True),
    _state("the locale", "locale.setlocale", getters="locale.getlocale", min_args=2),
    _state("logging.disable()", "logging.disable"),
    _state("logging.root", "logging.basicConfig logging.config.dictConfig logging.config.fileConfig",
           min_args=0),
    _state("logging.captureWarnings()", "logging.captureWarnings"),
    _state("the event loop policy", "asyncio.set_event_loop_policy", getters="asyncio.get_event_loop_policy"),
    _state("a signal handler", "signal.signal", getters="signal.getsignal", min_args=2),
    _state("the garbage collector", "gc.disable gc.set_threshold", "gc.enable", getters="gc.get_threshold",
           min_args=0),
    _state("the decimal context", "decimal.setcontext", getters="decimal.getcontext",
           contexts="decimal.localcontext"),
    _state("numpy's error handling", "numpy.seterr numpy.seterrcall", getters="numpy.geterr numpy.geterrcall",
           contexts="numpy.errstate", min_args=0),
    _state("numpy's print options", "numpy.set_printoptions", getters="numpy.get_printoptions",
           contexts="numpy.printoptions", min_args=0),
    _state("a pandas option", "pandas.set_option pandas.options.set_option", "pandas.reset_option",
           getters="pandas.get_option", contexts="pandas.option_context"),
)

# Objects whose methods and attributes are process-wide settings, and the methods that change
# them: a named logger (``logging.getLogger("app")`` is the same object everywhere) and the
# decimal context of the thread. (The current event loop is not among them: async test
# plugins make and set a new one for every test.)
STATE_OBJECTS: dict[str, frozenset[str]] = {
    "logging.getLogger": frozenset(
        "setLevel addHandler removeHandler addFilter removeFilter disabled propagate level handlers".split()),
    "logging.root": frozenset(
        "setLevel addHandler removeHandler addFilter removeFilter disabled propagate level handlers".split()),
    "decimal.getcontext": frozenset("prec rounding traps flags Emin Emax capitals clamp".split()),
}
STANDARD_STREAMS = frozenset({"sys.stdout", "sys.stderr", "sys.stdin"})
PROCESS_CHANGERS = frozenset(name for state in PROCESS_STATE for name in state.changers | state.contexts)
# Context managers that set process-wide state for their block and put it back at its end.
PROCESS_CONTEXTS = frozenset(name for state in PROCESS_STATE for name in state.contexts)
