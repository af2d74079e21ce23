FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY pms ./pms
COPY tools ./tools
COPY knowledge ./knowledge
COPY agent ./agent
COPY evals ./evals
COPY concierge ./concierge
COPY api ./api
COPY channels ./channels
COPY web ./web
COPY concierge_sdk ./concierge_sdk
# The CPU build of torch (for the local embedder); a plain install would pull the CUDA build.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
    && pip install --no-cache-dir .
EXPOSE 8000
ENV CONCIERGE_HOST=0.0.0.0
CMD ["concierge", "serve"]
