# The API image for docker-compose.yml (Neo4j runs in its own official container there).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml constraints.txt README.md ./
COPY clustergraph ./clustergraph
COPY api ./api
COPY graph ./graph
COPY queries ./queries
COPY viz ./viz
COPY data ./data
RUN pip install --no-cache-dir -c constraints.txt -e .
EXPOSE 8000
# Load the bundled dataset (idempotent), then serve.
CMD ["sh", "-c", "clustergraph load --quiet && clustergraph serve --host 0.0.0.0 --port 8000"]
