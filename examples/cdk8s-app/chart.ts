/** The platform chart: ESO delivered by Flux, two accesses, and a Deployment fed by one binding of each. */
import { Chart, type ChartProps } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { ExternalSecretBinding, ExternalSecretsOperator, SecretManagerAccess } from "@eskit/cdk8s";

/** Your EKS cluster (`aws eks describe-cluster --query cluster.identity.oidc.issuer`). */
const CLUSTER = {
  cloud: "aws",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
  oidcIssuerUrl: "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
} as const;

/** Everything the shop service needs, as manifests for GitOps. */
export class Platform extends Chart {
  /** Secrets Manager, through an IRSA role you create (`staging.iamPolicy`, `staging.trustPolicy`). */
  readonly staging: SecretManagerAccess;
  /** Parameter Store, through your role, which trusts the cluster directly. */
  readonly params: SecretManagerAccess;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const operator = new ExternalSecretsOperator(this, "eso", { gitops: "flux" });
    new kplus.Namespace(this, "shop", { metadata: { name: "shop" } });

    this.staging = new SecretManagerAccess(this, "staging", {
      operator,
      provider: "aws-secrets-manager",
      region: "eu-west-3",
      cluster: CLUSTER,
      auth: { type: "automatic" },
      roleArn: "arn:aws:iam::123456789012:role/eskit-staging",
      restrictTo: ["staging/*"],
    });
    this.params = new SecretManagerAccess(this, "params", {
      operator,
      provider: "aws-parameter-store",
      region: "eu-west-3",
      cluster: CLUSTER,
      auth: { type: "role", roleArn: "arn:aws:iam::123456789012:role/shop-parameters-reader" },
      restrictTo: ["/shop/staging/*"],
    });

    const db = new ExternalSecretBinding(this, "api-db", {
      access: this.staging,
      namespace: "shop",
      env: { DB_USER: { key: "staging/db", property: "username" }, DB_PASSWORD: { key: "staging/db", property: "password" } },
    });
    const features = new ExternalSecretBinding(this, "api-features", {
      access: this.params,
      namespace: "shop",
      env: { FEATURE_FLAGS: "/shop/staging/feature-flags" },
      refresh: "15m",
    });

    const api = new kplus.Deployment(this, "api", {
      metadata: { name: "api", namespace: "shop" },
      containers: [{ image: "ghcr.io/acme/api:1.0", portNumber: 8080 }],
    });
    db.addTo(api.containers[0]);
    features.addTo(api.containers[0]);
  }
}
