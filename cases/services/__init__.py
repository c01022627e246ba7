"""The actions of the domain. Views, the API, admin and commands call these; nothing else writes."""
