export { MetaAppPage } from './MetaAppPage';
