"""The hotel's system of record: models, transactional services and the demo seed.

Nothing here imports the agent, the tools or the API: every rule about rooms and money lives
below them, so no channel can get around it.
"""
