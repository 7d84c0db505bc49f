// The seed text's domains: four onboarded in the foundation phase, hr and legal still to come.
export const SEED_DOMAINS = [
  {
    slug: "sales",
    name: "Sales",
    ownerTeam: "sales-team@company.com",
    status: "onboarded",
    description: "Customers, opportunities, orders and revenue.",
  },
  {
    slug: "marketing",
    name: "Marketing",
    ownerTeam: "marketing-team@company.com",
    status: "onboarded",
    description: "Campaigns, audiences, attribution and web analytics.",
  },
  {
    slug: "finance",
    name: "Finance",
    ownerTeam: "finance-team@company.com",
    status: "onboarded",
    description: "Ledgers, invoices, budgets and forecasts.",
  },
  {
    slug: "operations",
    name: "Operations",
    ownerTeam: "operations-team@company.com",
    status: "onboarded",
    description: "Fulfilment, inventory, logistics and support.",
  },
  {
    slug: "hr",
    name: "Human Resources",
    ownerTeam: "hr-team@company.com",
    status: "not_onboarded",
    description: "People data: not yet onboarded to the mesh.",
  },
  {
    slug: "legal",
    name: "Legal",
    ownerTeam: "legal-team@company.com",
    status: "not_onboarded",
    description: "Contracts and compliance: not yet onboarded to the mesh.",
  },
] as const;
