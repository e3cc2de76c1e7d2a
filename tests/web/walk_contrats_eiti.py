"""The access walk's records for the EITI accompaniment contracts (jalons.contrats)."""

import datetime

from jalons.contrats.models import AccompanimentContract, ActivityDeclaration

PARAMETERS = {
    "eiti_contract_id": "eiti_contract",
    "declaration_id": "eiti_declaration",
}

# These pages answer only in an EITI (404 elsewhere, by design) and the walk's victim
# is an ACI, so its owner could not open them. Their 404 for another structure and for
# a non-EITI structure is tested in tests/contrats/test_eiti.py.
_REASON = "EITI-only page; cross-structure 404 tested in tests/contrats/test_eiti.py"
NOT_SCOPED = {
    f"contrats:{name}": _REASON
    for name in (
        "eiti_contract_create",
        "eiti_contract_edit",
        "eiti_declaration_create",
        "eiti_declaration_edit",
    )
}


def make(victim: dict) -> dict:
    parcours = victim["parcours"]
    contract = AccompanimentContract.objects.create(
        parcours=parcours,
        activity="Peintre en bâtiment",
        start_date=parcours.hire_date,
        planned_end_date=parcours.hire_date + datetime.timedelta(days=300),
    )
    declaration = ActivityDeclaration.objects.create(
        contract=contract,
        person=parcours.person,
        month=parcours.hire_date.replace(day=1),
        turnover=500,
        hours=40,
    )
    return {"eiti_contract": contract, "eiti_declaration": declaration}
