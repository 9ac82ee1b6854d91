"""The graph in Neo4j: push, pull, gap queries and read-only Cypher over Bolt."""
