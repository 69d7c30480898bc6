"""The key that hashes chat ids, and where it is kept.

A chat id is a number of about ten digits, so anyone holding both the hashes and the key can
reverse a hash by trying every id. The key must therefore not sit in the data folder that holds
the hashes (a copy of `var/`, a backup, a volume snapshot would carry both). In order:

    LOG_HASH_SECRET     the key itself, from the environment or a secret store
    LOG_HASH_KEY_FILE   a file of its own (created, random and mode 0600, if missing)
    neither             generated beside the database, `<DATABASE_PATH>.secret` (the old way,
                        kept so that existing installs keep their hashes; refused when
                        REQUIRE_EXTERNAL_SECRET is on)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.store.log import load_or_create_secret, secret_path


@dataclass(frozen=True)
class HashKey:
    key: bytes
    where: str  # said at start-up: where the key comes from
    external: bool  # kept outside the data folder


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


class KeyNotExternal(ValueError):
    """An external key is required and the settings give none; no file was touched."""


def find_hash_key(*, secret: str | None, key_file: Path | None, database: Path,
                  require_external: bool = False) -> HashKey:
    """The chat-hash key from the settings (see the module docstring); OSError/ValueError if a
    key file cannot be read or created, KeyNotExternal if `require_external` and the key
    would be in the data folder."""
    data_folder = database.parent
    if secret:
        return HashKey(secret.encode(), "the LOG_HASH_SECRET setting", True)
    if key_file is not None:
        key_file = key_file.expanduser()
        external = not inside(key_file, data_folder)
        if require_external and not external:
            raise KeyNotExternal(f"LOG_HASH_KEY_FILE {key_file} is inside the data folder "
                                 f"{data_folder}; put the key somewhere a copy of the data "
                                 "folder does not reach")
        where = f"the key file {key_file}"
        if not external:
            where += f" (inside the data folder {data_folder}: a copy of it can reverse hashes)"
        return HashKey(load_or_create_secret(key_file), where, external)
    if require_external:
        raise KeyNotExternal("no chat-hash key outside the data folder: set LOG_HASH_SECRET, "
                             "or LOG_HASH_KEY_FILE to a path outside " + str(data_folder))
    beside = secret_path(database)
    return HashKey(load_or_create_secret(beside),
                   f"{beside}, beside the database (a copy of {data_folder} can reverse "
                   "hashes: set LOG_HASH_KEY_FILE or LOG_HASH_SECRET)", False)
