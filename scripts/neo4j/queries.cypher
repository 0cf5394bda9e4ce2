// partnergraph exploration queries for the Neo4j Browser or cypher-shell.
// Each query is a "// name:" line, comment lines (a description, "params:" naming the
// parameters, "example:" a Cypher map of example values), the query, and a ";" line.
// docs/cypher.md shows them verbatim and tests/test_neo4j.py runs them against a
// real server, so edit them here and copy the text into the docs. The Neo4j that
// scripts/neo4j/neo4j.sh starts serves this file as a Browser guide (one slide per
// query, read on every request): :play http://127.0.0.1:PORT/partnergraph/guide
// Set parameters in the Browser first, e.g.  :params {company: 'microsoft'}

// name: partners_as_of
// A company's partners as of a day (today's knowledge: current versions only).
// params: company (entity id), day ('YYYY-MM-DD')
// example: {company: 'microsoft', day: '2025-09-11'}
MATCH (c:Entity {id: $company})-[r:PARTNERS_WITH]-(partner:Entity)
WHERE r.superseded_at IS NULL
  AND (r.valid_from IS NULL OR r.valid_from <= date($day))
  AND (r.valid_to IS NULL OR date($day) < r.valid_to)
RETURN partner.name AS partner, r.valid_from_iso AS since, r.valid_to_iso AS until,
       r.status AS status
ORDER BY partner
;

// name: ceo_succession
// Who led a company as CEO, in order; a successor's start closes the predecessor.
// params: company (entity id)
// example: {company: 'microsoft'}
MATCH (p:Person)-[r:EXECUTIVE_OF]->(c:Entity {id: $company})
WHERE r.superseded_at IS NULL
  AND toLower(r.role) IN ['ceo', 'chief executive', 'chief executive officer']
RETURN p.name AS person, r.role AS role, r.valid_from_iso AS since, r.valid_to_iso AS until
ORDER BY r.valid_from
;

// name: path_between
// The shortest chain of current relationships between two entities (up to 6 hops).
// params: from (entity id), to (entity id)
// example: {from: 'microsoft', to: 'nvidia'}
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[rels:PARTNERS_WITH|INVESTS_IN|ACQUIRES|SUBSIDIARY_OF|SUPPLIES|COMPETES_WITH|EXECUTIVE_OF|FOUNDED|DEVELOPS|USES*..6]-(b))
WHERE all(r IN rels WHERE r.superseded_at IS NULL)
RETURN p, [n IN nodes(p) | n.name] AS names, [r IN rels | type(r)] AS relations,
       length(p) AS hops
;

// name: evidence_for_relationship
// The statements behind one relationship: document, date, sentence and offsets.
// params: subject (entity id), relation (e.g. 'PARTNERS_WITH'), object (entity id)
// example: {subject: 'microsoft', relation: 'PARTNERS_WITH', object: 'openai'}
MATCH (a:Entity {id: $subject})-[r]-(b:Entity {id: $object})
WHERE type(r) = $relation AND r.superseded_at IS NULL
MATCH (f:Fact {id: r.fact_id})<-[st:STATES]-(d:Document)
WHERE st.retracted_at IS NULL
RETURN d.id AS document, coalesce(d.title, d.url) AS source, st.published AS published,
       st.sentence AS sentence, st.start AS start, st.end AS end, st.extractor AS extractor
ORDER BY published, document
;

// name: neighbourhood
// Everything an entity is related to today, as a graph (best viewed in the Browser).
// params: company (entity id)
// example: {company: 'openai'}
MATCH (c:Entity {id: $company})-[r]-(other:Entity)
WHERE r.superseded_at IS NULL
RETURN c, r, other
;

// name: history_of_relationship
// Every recorded version of one relationship (transaction time), oldest first.
// params: subject (entity id), relation (e.g. 'INVESTS_IN'), object (entity id)
// example: {subject: 'microsoft', relation: 'INVESTS_IN', object: 'openai'}
MATCH (a:Entity {id: $subject})-[r]-(b:Entity {id: $object})
WHERE type(r) = $relation
RETURN r.valid_from_iso AS since, r.valid_to_iso AS until, r.status AS status,
       r.recorded_at AS recorded_at, r.superseded_at AS superseded_at
ORDER BY r.recorded_at
;
