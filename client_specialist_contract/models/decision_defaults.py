# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Defaults given in the context (``default_<field>`` over XML-RPC, or leaking from an action) reach
a record after the decision mixin has checked the values of create: for decision fields they are
dropped here, so a record starts with the field's own default. The decision mixin of the
application is the place for it; until it does so, the contract models call this."""


def without_decision_defaults(model):
    """``model`` with a context holding no default for its decision fields, unless it decides."""
    context = model.env.context
    keys = {f"default_{name}" for name in model._cs_decision_fields()} & context.keys()
    if not keys or model._cs_is_deciding():
        return model
    # A new context, not merged keys: the defaults must be gone, not set to False.
    return model.with_context({key: value for key, value in context.items() if key not in keys})  # pylint: disable=context-overridden
