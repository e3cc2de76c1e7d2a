from django.contrib import admin

from jalons.structures.models import (
    AnnexeFinanciere,
    Ddets,
    Funding,
    Network,
    Organisation,
    Structure,
)


class StructureInline(admin.TabularInline):
    model = Structure
    fields = ["name", "kind", "siret", "identifier", "departement"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "siret"]
    search_fields = ["name", "siret"]
    inlines = [StructureInline]


class AnnexeInline(admin.TabularInline):
    model = AnnexeFinanciere
    extra = 0
    show_change_link = True


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "identifier", "departement", "organisation"]
    list_filter = ["kind", "departement__region", "networks"]
    search_fields = ["name", "siret", "identifier"]
    filter_horizontal = ["networks"]
    inlines = [AnnexeInline]


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0


@admin.register(AnnexeFinanciere)
class AnnexeAdmin(admin.ModelAdmin):
    list_display = ["number", "structure", "start_date", "end_date", "etp_conventionnes"]
    search_fields = ["number", "structure__name"]
    inlines = [FundingInline]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "region"]
    search_fields = ["name", "acronym"]


@admin.register(Ddets)
class DdetsAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["departements"]
