"""A strict YAML reader: duplicate keys are errors, and every mapping remembers
the line and column of each of its keys so validation messages can point at them."""

from __future__ import annotations

from pathlib import Path

import yaml

from jalons.rules.errors import InvalidRules, Problem


class YamlMap(dict):
    """A dict that knows where its keys were written (1-based line and column)."""

    where: tuple[int, int] = (0, 0)
    key_where: dict


class _StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.where = (node.start_mark.line + 1, node.start_mark.column + 1)
    result.key_where = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append(Problem(loader.file_label, line, str(column), "clé invalide"))
            continue
        if key in result:
            first = result.key_where[key][0]
            loader.problems.append(
                Problem(
                    loader.file_label,
                    line,
                    str(column),
                    f"clé « {key} » en double (déjà définie ligne {first})",
                )
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_where[key] = (line, column)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, label: str | None = None):
    """Read a YAML file strictly; raise InvalidRules listing every duplicate key or
    syntax error."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidRules([Problem(label, None, None, "fichier introuvable")]) from None
    except UnicodeDecodeError:
        raise InvalidRules(
            [Problem(label, None, None, "fichier illisible (UTF-8 attendu)")]
        ) from None
    except OSError as exc:
        raise InvalidRules(
            [Problem(label, None, None, f"lecture impossible ({exc.strerror})")]
        ) from None
    loader = _StrictLoader(text)
    loader.problems = []
    loader.file_label = label
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        column = str(mark.column + 1) if mark else None
        raise InvalidRules(
            [Problem(label, line, column, f"YAML illisible : {exc.problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidRules([Problem(label, None, None, f"YAML illisible : {exc}")]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise InvalidRules(loader.problems)
    return data


def where(mapping, key) -> tuple[int | None, str | None]:
    """Line and column of a key in a YamlMap (or of the mapping itself)."""
    if isinstance(mapping, YamlMap):
        if key is not None and key in mapping.key_where:
            line, column = mapping.key_where[key]
            return line, str(column)
        return mapping.where[0], str(mapping.where[1])
    return None, None
