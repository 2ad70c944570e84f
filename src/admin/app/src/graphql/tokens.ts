import { graphql } from "../gql";

export const CreateTokenMutation = graphql(`
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) { token apiToken { id name role createdAt } }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeToken(id: $id) { id name role revokedAt }
  }
`);
