"""``field__any_of=[…]``: a long list of values as one parameter.

``structure_id__in`` with the thousands of structures of a region sends one
parameter per value, which Django and the driver prepare one by one (about 10 ms for
700 identifiers, on every query). On PostgreSQL ``any_of`` sends one array instead
(``= ANY(%s::bigint[])``); elsewhere it is ``IN``. Integer values only.
"""

from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        return In(self.lhs, [int(v) for v in self.rhs]).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, [int(v) for v in self.rhs])


def register() -> None:
    Field.register_lookup(AnyOf)
    ForeignObject.register_lookup(AnyOf)
