"""records_visible_to: supervisors across the agencies they supervise, recorders their own records,
and never the person a record names."""

from django.contrib.auth.models import AnonymousUser

from supervision.models import InterferenceRecord
from supervision.selectors import records_visible_to
from tests.officers.factories import AgencyFactory, OfficerFactory, UserFactory
from tests.supervision.factories import an_hour_ago, branch_of, record


def visible(officer) -> set[int]:
    return set(records_visible_to(officer.user).values_list("pk", flat=True))


def test_a_supervisor_sees_the_records_of_every_agency_they_supervise_and_no_other(team):
    second = AgencyFactory(domains=[team.domain], supervised_by=team.justice)
    in_agency = record(team.officer1)
    in_second = record(OfficerFactory(agency=second))
    in_branch = record(branch_of(team))  # branch → agency → justice: the chain counts
    in_outsiders_agency = record(team.outsider)

    assert visible(team.supervisor) == {in_agency.pk, in_second.pk, in_branch.pk}
    assert in_outsiders_agency.pk not in visible(team.supervisor)


def test_a_supervisor_of_another_body_sees_nothing_of_ours(team):
    other_justice_supervisor = OfficerFactory(agency=AgencyFactory(kind="supervision"), is_supervisor=True)
    record(team.officer1)

    assert visible(other_justice_supervisor) == set()


def test_an_officer_sees_only_the_records_they_made(team):
    mine = record(team.officer1)
    record(team.officer2)

    assert visible(team.officer1) == {mine.pk}


def test_the_head_sees_no_records_of_the_agency_unless_a_supervisor(team):
    record(team.officer1)

    assert visible(team.head) == set()
    assert visible(team.deputy) == set()


def test_the_head_named_as_intervener_never_sees_the_record(team):
    naming_head = record(team.officer1, intervener_officer=team.head)

    assert naming_head.pk not in visible(team.head)
    assert naming_head.pk in visible(team.officer1)
    assert naming_head.pk in visible(team.supervisor)


def test_the_head_named_as_intervener_never_sees_it_even_as_a_supervisor(team):
    # The head also supervises a branch below the agency, whose officers name him.
    team.head.is_supervisor = True
    team.head.save()
    branch_officer = branch_of(team)
    naming_head = record(branch_officer, intervener_officer=team.head)
    other = record(branch_officer, intervener_officer=None)

    assert visible(team.head) == {other.pk}
    assert naming_head.pk in visible(team.supervisor)


def test_a_supervisor_named_as_intervener_does_not_see_it_while_a_colleague_does(team):
    colleague = OfficerFactory(agency=team.justice, is_supervisor=True, name="何监督")
    # Written directly: the service offers only the recorder's own and superior agencies as known users.
    naming = InterferenceRecord.objects.create(
        agency=team.agency,
        recorded_by=team.officer1,
        intervener_name="冯监督",
        intervener_officer=team.supervisor,
        occurred_at=an_hour_ago(),
        manner="in_person",
        what_was_asked="要求撤案。",
        how_handled="拒绝。",
    )
    not_naming = record(team.officer1)

    assert visible(team.supervisor) == {not_naming.pk}
    assert visible(colleague) == {naming.pk, not_naming.pk}


def test_a_user_without_an_officer_and_the_anonymous_see_nothing(team):
    record(team.officer1)

    assert not records_visible_to(UserFactory()).exists()
    assert not records_visible_to(AnonymousUser()).exists()


def test_an_officer_who_left_sees_nothing(team):
    record(team.officer1)
    team.officer1.is_active = False
    team.officer1.save()

    assert visible(team.officer1) == set()
