"""Any network's Inception blocks, read from the network itself: its blocks, their branches and channels.

An Inception block is a module whose forward pass ends by concatenating the outputs of two or more of its
own submodules along the channel axis: ``torch.cat([branch1(x), branch2(x), ...], dim=1)``. That is true of
the full GoogLeNet's blocks (googlenet.blocks.Inception), of the training lab's small GoogLeNet (the same
class) and of the seed articles' Inception-A block (googlenet.digits.nets.InceptionA), whose branches are
chains of plain convolutions such as ``branch5x5_1 -> branch5x5_2``.

``inception_blocks(model)`` finds them by reading each candidate module's forward pass symbolically (no
numbers are computed): which submodule feeds each input of the ``cat``, and which layers lie on the way
from the block's input to it. Nothing here knows GoogLeNet's table, so the
explainer pages can show any network; tests check the result against GoogLeNet's table and real hooks.
"""
from __future__ import annotations

import inspect
import threading
import types
import weakref
from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class Step:
    """One layer on a branch's path: "conv", "max_pool" or "avg_pool", its kernel size (k x k), and for a
    convolution its output channels."""
    kind: str
    kernel: int
    channels: int | None = None


@dataclass(frozen=True)
class Branch:
    """One branch: `name` is its place in the concatenation ("branch1", "branch2", ...), `module` the dotted
    name of the submodule whose output is the branch's output (where a hook sees it), `steps` the layers
    from the block's input to that output, `relu_last` whether a ReLU is the branch's last operation."""
    name: str
    module: str
    channels: int
    steps: tuple[Step, ...]
    relu_last: bool


@dataclass(frozen=True)
class BlockAnatomy:
    """One Inception block: its dotted module name, its class name and its branches in concatenation order."""
    name: str
    kind: str
    in_channels: int
    branches: tuple[Branch, ...]

    @property
    def out_channels(self) -> int:
        return sum(b.channels for b in self.branches)

    def branch_widths(self) -> dict[str, int]:
        return {b.name: b.channels for b in self.branches}

    def branch_slices(self) -> dict[str, slice]:
        """The channels each branch occupies in the concatenated output (branch1 first)."""
        slices, start = {}, 0
        for b in self.branches:
            slices[b.name] = slice(start, start + b.channels)
            start += b.channels
        return slices

    def branch(self, name: str) -> Branch:
        return next(b for b in self.branches if b.name == name)


# --------------------------------------------------------------------------------------------
# Reading a forward pass without running it
# --------------------------------------------------------------------------------------------
# A module's own forward() is called on a stand-in for the module and a stand-in for the tensor: each call
# of a submodule, each torch function and each tensor method records what it was applied to, and no number
# is computed. (torch.fx does the same, but it swaps nn.Module.__call__ for every module in the process while
# it traces: another session's forward pass at that moment would break. The stand-ins touch nothing shared.)

def _values_in(obj) -> list["_Value"]:
    if isinstance(obj, _Value):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [v for item in obj for v in _values_in(item)]
    if isinstance(obj, dict):
        return [v for item in obj.values() for v in _values_in(item)]
    return []


class _Value:
    """A tensor that is never computed: it remembers the operation that made it and that operation's inputs.
    op: "input" (the block's input), "module" (a submodule call, target = its name), "function" (a torch
    function, target = the function) or "method" (a tensor method, target = its name)."""

    __slots__ = ("op", "target", "args", "kwargs", "inputs")

    def __init__(self, op: str, target=None, args: tuple = (), kwargs: dict | None = None):
        self.op, self.target, self.args, self.kwargs = op, target, args, kwargs or {}
        self.inputs = _values_in((args, self.kwargs))

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return _Value("function", func, tuple(args), kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: _Value("method", name, (self, *args), kwargs)


class _Call:
    """A submodule as the stand-in's forward pass sees it: calling it records the call."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, *args, **kwargs) -> _Value:
        return _Value("module", self.name, args, kwargs)


class _StandIn:
    """`self` for a module's forward(): submodules become recorders, methods are the module's own (bound to
    the stand-in), every other attribute is read from the module. Anything the forward pass writes stays here."""

    def __init__(self, module: nn.Module):
        object.__setattr__(self, "_module", module)

    def __getattr__(self, name: str):
        module = object.__getattribute__(self, "_module")
        if name in module._modules:
            child = module._modules[name]
            return None if child is None else _Call(name)
        attr = inspect.getattr_static(type(module), name, None)
        if inspect.isfunction(attr):
            return types.MethodType(attr, self)
        return getattr(module, name)


def _trace(module: nn.Module) -> _Value | None:
    """What `module`'s forward pass returns, as a recorded value (None when it cannot be read this way).

    A subclass whose forward() needs real numbers (e.g. the fast inference copy's fused ConvBlock, which looks
    at the tensor's dtype) is read through the nearest class up its hierarchy whose forward() can be read:
    the same computation, written plainly."""
    for cls in type(module).__mro__:
        if cls is nn.Module:
            break
        if "forward" not in cls.__dict__:
            continue
        try:
            out = cls.forward(_StandIn(module), _Value("input"))
        except Exception:  # noqa: BLE001 - a forward pass that needs real numbers cannot be read this way
            continue
        if isinstance(out, _Value):
            return out
    return None


def _kernel(value) -> int:
    return int(value[0] if isinstance(value, (tuple, list)) else value)


def _function_steps(value: _Value) -> tuple[list[Step], bool | None]:
    name = getattr(value.target, "__name__", str(value.target)) if value.op == "function" else str(value.target)
    for pool, kind in (("max_pool", "max_pool"), ("avg_pool", "avg_pool")):
        if value.op == "function" and name.startswith(pool):
            size = value.kwargs.get("kernel_size", value.args[1] if len(value.args) > 1 else 1)
            return [Step(kind, _kernel(size))], False
    if name in ("relu", "relu_"):
        return [], True
    return [], None


def _layer_step(module: nn.Module) -> Step | None:
    if isinstance(module, nn.Conv2d):
        return Step("conv", _kernel(module.kernel_size), module.out_channels)
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        return Step("max_pool" if isinstance(module, nn.MaxPool2d) else "avg_pool", _kernel(module.kernel_size))
    return None


def _module_steps(module: nn.Module) -> tuple[list[Step], bool | None]:
    """The layers of one submodule in forward order, and whether it ends in a ReLU (None: it does nothing
    that counts here, e.g. a BatchNorm)."""
    step = _layer_step(module)
    if step is not None:
        return [step], False
    if isinstance(module, nn.ReLU):
        return [], True
    if not module._modules:
        return [], None
    # A composite (a ConvBlock, a Sequential): its layers in the order it registers them, which is the order
    # its forward pass uses them in these networks; whether it ends in a ReLU from its own forward pass.
    steps = [s for s in map(_layer_step, module.modules()) if s is not None]
    if isinstance(module, nn.Sequential):
        return steps, _fold(_module_steps(child) for child in module)[1]
    out = _trace(module)
    return steps, (_path_steps(out, module)[1] if out is not None else None)


def _fold(parts) -> tuple[list[Step], bool | None]:
    steps, relu_last = [], None
    for more, relu in parts:
        steps += more
        if relu is not None:
            relu_last = relu
    return steps, relu_last


def _chain(value: _Value) -> list[_Value]:
    """The operations from the forward pass's input to `value`, following each one's first input."""
    chain = []
    while value is not None and value.op != "input":
        chain.append(value)
        value = value.inputs[0] if value.inputs else None
    return chain[::-1]


def _path_steps(end: _Value, owner: nn.Module) -> tuple[list[Step], bool | None]:
    """Layers from the input to `end` and whether a ReLU is the last thing on the way."""
    return _fold(_module_steps(owner._modules[str(v.target)]) if v.op == "module" else _function_steps(v)
                 for v in _chain(end))


def _concat_inputs(out: _Value) -> list[_Value] | None:
    """The values concatenated along channels, when the forward pass returns torch.cat(..., dim=1)."""
    if out.op != "function" or out.target is not torch.cat:
        return None
    parts = out.args[0] if out.args else out.kwargs.get("tensors")
    dim = out.kwargs.get("dim", out.args[1] if len(out.args) > 1 else 0)
    if dim != 1 or not isinstance(parts, (list, tuple)) or len(parts) < 2:
        return None
    return list(parts)


def _could_be_block(module: nn.Module) -> bool:
    """A cheap filter before reading: at least two children with a convolution inside, and not a container."""
    if isinstance(module, (nn.Sequential, nn.ModuleList, nn.ModuleDict)):
        return False
    with_conv = [c for c in module.children() if any(isinstance(m, nn.Conv2d) for m in c.modules())]
    return len(with_conv) >= 2


def _first_conv(end: _Value, owner: nn.Module) -> nn.Conv2d | None:
    for v in _chain(end):
        if v.op == "module":
            conv = next((m for m in owner._modules[str(v.target)].modules() if isinstance(m, nn.Conv2d)), None)
            if conv is not None:
                return conv
    return None


def read_block(name: str, module: nn.Module) -> BlockAnatomy | None:
    """`module` (called `name` in its network) as an Inception block, or None if its forward pass does not
    return a channel concatenation of its own submodules' outputs."""
    if not _could_be_block(module):
        return None
    out = _trace(module)
    parts = _concat_inputs(out) if out is not None else None
    if not parts or any(not isinstance(p, _Value) or p.op != "module" for p in parts):
        return None
    convs = [_first_conv(p, module) for p in parts]
    in_channels = next((c.in_channels for c in convs if c is not None), None)
    if in_channels is None:
        return None
    branches = []
    for n, part in enumerate(parts, start=1):
        steps, relu_last = _path_steps(part, module)
        widths = [s.channels for s in steps if s.kind == "conv"]
        # A branch without a convolution (only pooling) passes all of the block's input channels through.
        branches.append(Branch(f"branch{n}", f"{name}.{part.target}" if name else str(part.target),
                               widths[-1] if widths else in_channels, tuple(steps), bool(relu_last)))
    return BlockAnatomy(name, type(module).__name__, in_channels, tuple(branches))


_cache: "weakref.WeakKeyDictionary[nn.Module, tuple[BlockAnatomy, ...]]" = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def inception_blocks(model: nn.Module) -> tuple[BlockAnatomy, ...]:
    """Every Inception block of `model`, in the order the model registers them (its forward order for the
    networks of this app). Read once per model object: the structure of a network never changes."""
    with _cache_lock:
        if model in _cache:
            return _cache[model]
    found = []
    for name, module in model.named_modules():
        block = read_block(name, module)
        if block is not None:
            found.append(block)
    blocks = tuple(found)
    with _cache_lock:
        _cache[model] = blocks
    return blocks


def blocks_by_name(model: nn.Module) -> dict[str, BlockAnatomy]:
    return {b.name: b for b in inception_blocks(model)}
