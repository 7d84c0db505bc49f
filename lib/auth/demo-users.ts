// The demo accounts the seed creates; in demo mode the sign-in page lists them for one-click sign-in.
import type { DomainRoleName, RoleName } from "@/lib/auth/permissions";

export const DEMO_PASSWORD = "meshport-demo";

export type DemoUser = {
  email: string;
  name: string;
  roles: RoleName[];
  domains: Record<string, DomainRoleName>;
  blurb: string;
};

export const DEMO_USERS: DemoUser[] = [
  {
    email: "sam.sales@meshport.local",
    name: "Sam Sales",
    roles: ["data_producer"],
    domains: { sales: "owner" },
    blurb: "Owns the sales domain",
  },
  {
    email: "mia.marketing@meshport.local",
    name: "Mia Marketing",
    roles: ["data_producer"],
    domains: { marketing: "producer" },
    blurb: "Produces in marketing",
  },
  {
    email: "fred.finance@meshport.local",
    name: "Fred Finance",
    roles: ["data_producer"],
    domains: { finance: "owner", operations: "producer" },
    blurb: "Owns finance, produces in operations",
  },
  {
    email: "carla.consumer@meshport.local",
    name: "Carla Consumer",
    roles: ["data_consumer"],
    domains: {},
    blurb: "Analyst reading data products",
  },
  { email: "ada.admin@meshport.local", name: "Ada Admin", roles: ["data_admin"], domains: {}, blurb: "Platform data admin" },
  {
    email: "greta.governance@meshport.local",
    name: "Greta Governance",
    roles: ["governance"],
    domains: {},
    blurb: "Edits federated policies",
  },
  { email: "eli.executive@meshport.local", name: "Eli Executive", roles: ["executive"], domains: {}, blurb: "Reads success dashboards" },
];
