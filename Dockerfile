FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY pms ./pms
COPY tools ./tools
COPY concierge ./concierge
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["concierge", "--help"]
