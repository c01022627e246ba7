"""The deadline engine's listener of the case (one layer above ``cases``): it opens, meets, suspends and resumes
the stored deadlines (``deadlines``) from the case's events, declares the head's approvals on a deadline as
actions of the registry, and shows the deadlines on the case page, the overdue list and the notifications."""
