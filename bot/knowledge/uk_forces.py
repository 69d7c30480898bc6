"""The UK's police forces: ids, names and the area words the public uses. The importer gives a
release naming an unknown force a proper entry from here; the engine uses it to say plainly when
a question names a force that the knowledge never mentions. Ids match knowledge/forces.yaml."""

from __future__ import annotations

from bot.knowledge.models import Force

# id, name, short name or None, area words the public uses for it.
_FORCES: list[tuple[str, str, str | None, list[str]]] = [
    ("avon-and-somerset", "Avon and Somerset Police", None, ["avon and somerset"]),
    ("bedfordshire", "Bedfordshire Police", None, ["bedfordshire", "beds"]),
    ("btp", "British Transport Police", "BTP", ["british transport", "transport police"]),
    ("cambridgeshire", "Cambridgeshire Constabulary", None, ["cambridgeshire", "cambs"]),
    ("cheshire", "Cheshire Constabulary", None, ["cheshire"]),
    ("city-of-london", "City of London Police", None, ["city of london"]),
    ("cleveland", "Cleveland Police", None, ["cleveland"]),
    ("cumbria", "Cumbria Constabulary", None, ["cumbria"]),
    ("derbyshire", "Derbyshire Constabulary", None, ["derbyshire"]),
    ("devon-and-cornwall", "Devon and Cornwall Police", None, ["devon and cornwall"]),
    ("dorset", "Dorset Police", None, ["dorset"]),
    ("durham", "Durham Constabulary", None, ["durham"]),
    ("dyfed-powys", "Dyfed-Powys Police", None, ["dyfed-powys", "dyfed powys"]),
    ("essex", "Essex Police", None, ["essex"]),
    ("gloucestershire", "Gloucestershire Constabulary", None, ["gloucestershire"]),
    ("greater-manchester", "Greater Manchester Police", "GMP", ["greater manchester"]),
    ("gwent", "Gwent Police", None, ["gwent"]),
    ("hampshire", "Hampshire Constabulary", None,
     ["hampshire", "hampshire and isle of wight"]),
    ("hertfordshire", "Hertfordshire Constabulary", None, ["hertfordshire", "herts"]),
    ("humberside", "Humberside Police", None, ["humberside"]),
    ("kent", "Kent Police", None, ["kent"]),
    ("lancashire", "Lancashire Constabulary", None, ["lancashire"]),
    ("leicestershire", "Leicestershire Police", None, ["leicestershire"]),
    ("lincolnshire", "Lincolnshire Police", None, ["lincolnshire"]),
    ("merseyside", "Merseyside Police", None, ["merseyside"]),
    ("met", "Metropolitan Police", "the Met", ["metropolitan", "met"]),
    ("norfolk", "Norfolk Constabulary", None, ["norfolk"]),
    ("north-wales", "North Wales Police", None, ["north wales"]),
    ("north-yorkshire", "North Yorkshire Police", None, ["north yorkshire"]),
    ("northamptonshire", "Northamptonshire Police", None, ["northamptonshire"]),
    ("northumbria", "Northumbria Police", None, ["northumbria"]),
    ("nottinghamshire", "Nottinghamshire Police", None, ["nottinghamshire"]),
    ("south-wales", "South Wales Police", None, ["south wales"]),
    ("south-yorkshire", "South Yorkshire Police", None, ["south yorkshire"]),
    ("staffordshire", "Staffordshire Police", None, ["staffordshire", "staffs"]),
    ("suffolk", "Suffolk Constabulary", None, ["suffolk"]),
    ("surrey", "Surrey Police", None, ["surrey"]),
    ("sussex", "Sussex Police", None, ["sussex"]),
    ("thames-valley", "Thames Valley Police", "TVP", ["thames valley"]),
    ("warwickshire", "Warwickshire Police", None, ["warwickshire"]),
    ("west-mercia", "West Mercia Police", None, ["west mercia"]),
    ("west-midlands", "West Midlands Police", "WMP", ["west midlands"]),
    ("west-yorkshire", "West Yorkshire Police", None, ["west yorkshire"]),
    ("wiltshire", "Wiltshire Police", None, ["wiltshire"]),
    ("police-scotland", "Police Scotland", None, []),
    ("psni", "Police Service of Northern Ireland", "PSNI", []),
    ("mod-police", "Ministry of Defence Police", "MDP", []),
    ("cnc", "Civil Nuclear Constabulary", "CNC", []),
    ("nca", "National Crime Agency", "NCA", []),
]


def _aliases(name: str, short: str | None, areas: list[str]) -> list[str]:
    found = [name.lower()]
    for area in areas:
        found += [area, f"{area} police", f"{area} constabulary"]
    if short:
        found.append(short.lower())
    return list(dict.fromkeys(found))


UK_FORCES: dict[str, Force] = {
    fid: Force(id=fid, name=name, short=short, aliases=_aliases(name, short, areas))
    for fid, name, short, areas in _FORCES
}

NOT_TERRITORIAL = frozenset({"btp", "police-scotland", "psni", "mod-police", "cnc", "nca"})
ENGLAND_AND_WALES: list[str] = [f for f in UK_FORCES if f not in NOT_TERRITORIAL]
"""The 43 territorial police forces of England and Wales (a national campaign's forces)."""
