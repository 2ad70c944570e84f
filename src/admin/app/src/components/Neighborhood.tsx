import type cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "urql";
import { problemsOf } from "../api-errors";
import { NeighborhoodQuery } from "../graphql/entities";
import { KIND_COLOURS, KINDS, labelOf, PREDICATES } from "./labels";
import { Loading, ProblemList } from "./fields";

const RED_FLAG = "#b00020";

/**
 * The entity's neighbourhood (`neighborhood`, depth 1, drafts included) drawn with Cytoscape.js:
 * nodes coloured by kind, edges labelled by predicate, red flags in red and dashed; a click on a node
 * opens it. The list under the picture says the same for keyboards and screen readers. When the server
 * truncated the subgraph (its size limit), a note says the picture is a part.
 */
export function Neighborhood({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: NeighborhoodQuery, variables: { id, depth: 1 } });
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const graph = data?.neighborhood;

  useEffect(() => {
    const element = container.current;
    if (!graph || !element) return;
    let cy: cytoscape.Core | undefined;
    let cancelled = false;
    // Cytoscape.js is loaded with the first picture, not with the app.
    void import("cytoscape").then(({ default: cytoscape }) => {
      if (cancelled) return;
      cy = draw(cytoscape, element);
    });
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [graph, id, navigate]);

  function draw(cytoscape: typeof import("cytoscape"), element: HTMLDivElement): cytoscape.Core {
    const cy = cytoscape({
      container: element,
      elements: [
        ...graph!.entities.map((entity) => ({
          data: { id: entity.id, label: entity.name, colour: KIND_COLOURS[entity.kind], start: entity.id === id ? 1 : 0 },
        })),
        ...graph!.relations.map((relation) => ({
          data: {
            id: relation.id,
            source: relation.subject.id,
            target: relation.object.id,
            label: (relation.redFlag ? "⚑ " : "") + labelOf(PREDICATES, relation.predicate),
            colour: relation.redFlag ? RED_FLAG : "#555555",
            line: relation.redFlag ? "dashed" : "solid",
          },
        })),
      ],
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            label: "data(label)",
            "font-size": 11,
            "text-valign": "bottom",
            "text-margin-y": 4,
            color: "#1a1a1a",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "2px",
            width: 22,
            height: 22,
          },
        },
        { selector: "node[start = 1]", style: { width: 34, height: 34, "border-width": 3, "border-color": "#1a1a1a" } },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "data(colour)",
            "line-style": "data(line)" as never,
            "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 9,
            color: "data(colour)",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
          },
        },
      ],
      layout: { name: "concentric", concentric: (node: cytoscape.NodeSingular) => node.data("start"), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
    });
    cy.on("tap", "node", (event) => {
      const target = event.target.id() as string;
      if (target !== id) navigate(`/entities/${target}`);
    });
    element.dataset.nodes = String(cy.nodes().length);
    element.dataset.edges = String(cy.edges().length);
    return cy;
  }

  if (fetching && !graph) return <Loading what="the neighbourhood" />;
  if (error) return <ProblemList problems={problemsOf(error)} />;
  if (!graph) return null;
  return (
    <>
      <div
        ref={container}
        className="graph"
        role="img"
        aria-label={`Neighbourhood picture: ${graph.entities.length} entities and ${graph.relations.length} relations; the same as a list below.`}
      />
      {graph.truncated && (
        <p className="muted" role="note">
          The server stopped at its subgraph limit: this is the nearest part of the neighbourhood, not all of it.
        </p>
      )}
      <ul className="legend" aria-label="Legend">
        {KINDS.map((kind) => (
          <li key={kind.id}><span className="swatch" style={{ background: KIND_COLOURS[kind.id] }} aria-hidden="true" />{kind.label}</li>
        ))}
        <li><span className="swatch red-line" aria-hidden="true" />Red flag</li>
      </ul>
      <details>
        <summary>The neighbourhood as a list</summary>
        <ul>
          {graph.entities.filter((entity) => entity.id !== id).map((entity) => (
            <li key={entity.id}><Link to={`/entities/${entity.id}`}>{entity.name}</Link> ({labelOf(KINDS, entity.kind).toLowerCase()})</li>
          ))}
        </ul>
      </details>
    </>
  );
}
