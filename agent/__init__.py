"""The agent: the LangGraph graph, model providers and the offline model."""
