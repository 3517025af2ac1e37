"""The interfaces over :class:`~assistant.api.Assistant`: the command line (:mod:`.cli`), the
web chat (:mod:`.web`) and the JSON shapes they share (:mod:`.serialize`).  They call the
assistant's methods, never the store or a stage directly."""
